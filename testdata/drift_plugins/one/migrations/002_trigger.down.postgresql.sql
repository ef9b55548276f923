DROP TRIGGER trg_items_audit ON items;
DROP FUNCTION trg_items_audit_fn();
