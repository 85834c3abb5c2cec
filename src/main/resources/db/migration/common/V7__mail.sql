-- The mail channel: every mail the hub has answered, so a mail read twice is answered once.
create table mail_message (
    message_key varchar(300) not null primary key,   -- Message-ID, or sha256:<hash> of a mail without one
    sha256      char(64)     not null,
    sender      varchar(320),
    department  varchar(64),                          -- null: not from a department's address
    answered_at timestamp with time zone not null,
    reply_id    varchar(300)                          -- the reply's Message-ID; null when none was due
);
