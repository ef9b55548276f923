CREATE FUNCTION trg_items_audit_fn() RETURNS trigger AS $$
BEGIN
  INSERT INTO audit (id, item_id, what) VALUES (NEW.id, NEW.id, 'insert');
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER trg_items_audit AFTER INSERT ON items FOR EACH ROW
EXECUTE FUNCTION trg_items_audit_fn();
