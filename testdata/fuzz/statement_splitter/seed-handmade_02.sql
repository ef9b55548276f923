-- nothing here;
/* nor; here */
# nor;
;;