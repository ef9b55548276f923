DELETE FROM myi_note WHERE note = 'after bump';
UPDATE myi_out o JOIN myi_pick p ON p.v = o.v SET o.n = o.n - p.n;
