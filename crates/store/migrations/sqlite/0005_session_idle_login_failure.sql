-- daihoi schema 5 (SQLite): session idle timeout and the login throttle shared by instances.

-- Last request seen on a session (µs UTC), written at most once a minute; a session idle too
-- long is refused and deleted. Sessions from before this schema count from their creation.
ALTER TABLE user_session ADD COLUMN last_seen_at INTEGER NOT NULL DEFAULT 0;
UPDATE user_session SET last_seen_at = created_at;

-- Đăng nhập sai: failed logins per (user name, client address), shared by every instance.
CREATE TABLE login_failure (
    username TEXT    NOT NULL,
    client   TEXT    NOT NULL,
    failures INTEGER NOT NULL CHECK (failures > 0),
    first_at INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    PRIMARY KEY (username, client)
);
CREATE INDEX login_failure_last ON login_failure (last_at);
