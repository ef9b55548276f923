DROP TABLE h_base;
