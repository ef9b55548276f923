DROP INDEX uq_loss_names_name ON loss_names;
