SET lock_timeout = '2s';

-- Breaks every running instance of the app that still reads users.email.
ALTER TABLE users RENAME COLUMN email TO email_address;

RESET lock_timeout;
