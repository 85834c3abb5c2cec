-- People who sign in to the hub by name (security/Accounts): one row per account, its role and its password's hash
-- as Spring Security's DelegatingPasswordEncoder writes it ({bcrypt}…), never the password. Changed with the
-- `account` command, which audits each change.
create table hub_account (
    name          varchar(64)  primary key,
    role          varchar(16)  not null,   -- operator, commission, metrics
    password_hash varchar(255) not null,
    changed_at    timestamp with time zone not null
);
create index hub_account_role on hub_account (role);
