-- In-app notifications: one row per recipient; every notification links to the object it is about.
create table notification (
    id          uuid primary key,
    hospital_id uuid         not null references hospital (id),
    user_id     uuid         not null references app_user (id),
    kind        varchar(40)  not null,
    message_key varchar(100) not null,
    arguments   json         not null,
    link        varchar(300) not null,
    dedupe_key  varchar(200),
    created_at  timestamptz  not null,
    read_at     timestamptz
);
create index notification_inbox_idx on notification (user_id, created_at desc);
create index notification_unread_idx on notification (user_id) where read_at is null;
-- the same event never reaches the same person twice
create unique index notification_dedupe_idx on notification (user_id, dedupe_key) where dedupe_key is not null;
