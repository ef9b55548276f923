DROP TRIGGER trg_items_audit;
