UPDATE events SET category = NULL;
