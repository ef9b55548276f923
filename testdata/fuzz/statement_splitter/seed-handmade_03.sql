INSERT INTO t VALUES ('a;b', "c;d", 'it''s;', 'x\';y');
-- comment; here
SELECT `we;ird` /* a; b */ FROM t # trailing; comment
;