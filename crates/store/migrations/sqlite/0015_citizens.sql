-- daihoi schema 15 (SQLite): the leaders' work schedule, citizens' questions and contact
-- messages (Lịch công tác, Hỏi đáp, Liên hệ; decision 0015).

-- Lịch công tác: one row per entry of the schedule. day is yyyymmdd on the portal's calendar;
-- part is 'ca-ngay', 'sang', 'chieu' or 'toi'; start_minute the start in minutes after
-- midnight, NULL when only the part of the day is known.
CREATE TABLE schedule_entry (
    id           INTEGER PRIMARY KEY,
    day          INTEGER NOT NULL,
    part         TEXT    NOT NULL CHECK (part IN ('ca-ngay', 'sang', 'chieu', 'toi')),
    start_minute INTEGER CHECK (start_minute >= 0 AND start_minute < 1440),
    content      TEXT    NOT NULL,
    location     TEXT    NOT NULL DEFAULT '',
    attendees    TEXT    NOT NULL,
    preparer     TEXT    NOT NULL DEFAULT '',
    note         TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX schedule_entry_day ON schedule_entry (day, id);

-- Hỏi đáp: a citizen's question. contact (e-mail or phone) is for the reply and is never
-- published; address_key is an HMAC of the sender's network, never the address itself.
-- AUTOINCREMENT: the id is in the public address (/hoi-dap/{id}) and is never reused.
CREATE TABLE citizen_question (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    asker_name   TEXT    NOT NULL,
    contact      TEXT    NOT NULL,
    subject      TEXT    NOT NULL,
    question     TEXT    NOT NULL,
    answer       TEXT    NOT NULL DEFAULT '',
    status       TEXT    NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'published', 'rejected')),
    received_at  INTEGER NOT NULL,
    answered_at  INTEGER,
    published_at INTEGER,
    address_key  TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX citizen_question_status ON citizen_question (status, id);
CREATE INDEX citizen_question_published ON citizen_question (published_at, id);

-- Liên hệ: a message sent through the contact form; handled_at is set when the office has
-- dealt with it.
CREATE TABLE contact_message (
    id          INTEGER PRIMARY KEY,
    sender_name TEXT    NOT NULL,
    contact     TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    message     TEXT    NOT NULL,
    received_at INTEGER NOT NULL,
    handled_at  INTEGER,
    address_key TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX contact_message_received ON contact_message (received_at, id);
