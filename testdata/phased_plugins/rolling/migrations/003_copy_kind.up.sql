UPDATE events SET category = kind WHERE category IS NULL;
