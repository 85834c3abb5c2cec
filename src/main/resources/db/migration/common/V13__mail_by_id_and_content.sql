-- Mail: a mail is the same mail by its Message-ID and its content together (a different mail reusing a Message-ID
-- is a mail of its own), and its reply is an outbox row of its own: sent once the mail is recorded, retried with
-- back-off while the mail server refuses it for now, and kept failed, with the error and since when, once it is
-- refused for good. The mail itself is flagged seen as soon as it is recorded, whatever becomes of its reply.
create table mail_taken (
    message_key        varchar(300)  not null,   -- Message-ID, or content:<hash> of a mail without one
    content_sha256     char(64)      not null,   -- what the author wrote: the body and the author's headers
    sha256             char(64)      not null,   -- the mail's bytes as the mailbox held them
    sender             varchar(320),
    department         varchar(64),              -- null: not from a department's address
    answered_at        timestamp with time zone not null,
    reply_id           varchar(300),             -- the reply's Message-ID; null when none was due
    reply_to           varchar(320),
    reply_subject      varchar(1000),
    reply_body         text,
    reply_state        varchar(16)   not null,   -- none, pending, sent, failed
    reply_attempts     integer       not null,
    reply_error        varchar(1000),
    reply_failing_since timestamp with time zone, -- the first failed attempt
    reply_next_at      timestamp with time zone, -- pending: when it is tried again
    primary key (message_key, content_sha256)
);

-- Mails taken before: their content hash is unknown, their bytes' hash stands in for it; their replies were sent.
insert into mail_taken (message_key, content_sha256, sha256, sender, department, answered_at, reply_id,
                        reply_state, reply_attempts)
select message_key, sha256, sha256, sender, department, answered_at, reply_id,
       case when reply_id is null then 'none' else 'sent' end, 0
from mail_message;

drop table mail_message;
alter table mail_taken rename to mail_message;
create index mail_message_reply_due on mail_message (reply_state, reply_next_at);
