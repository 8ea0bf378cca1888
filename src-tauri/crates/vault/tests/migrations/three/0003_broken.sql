-- Fails on purpose: the test checks that 0002 is undone with it.
ALTER TABLE no_such_table ADD COLUMN x TEXT;
