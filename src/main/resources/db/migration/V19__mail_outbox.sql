-- E-mail for notifications: each user's delivery preference, a transactional outbox of e-mails
-- (written in the transaction that creates the notification, delivered after commit by a sender
-- that locks rows with FOR UPDATE SKIP LOCKED) and one row per user and day for the daily digest.

create table notification_preference (
    user_id     uuid         primary key references app_user (id),
    hospital_id uuid         not null references hospital (id),
    delivery    varchar(20)  not null,
    locale      varchar(10)  not null default 'zh-CN',
    -- when this delivery was chosen: a first digest covers notifications from here on
    delivery_since timestamptz not null,
    version     integer      not null,
    changed_by  varchar(100) not null,
    changed_at  timestamptz  not null,
    constraint notification_preference_delivery_check check (delivery in ('IMMEDIATE', 'DAILY_DIGEST', 'IN_APP_ONLY')),
    constraint notification_preference_locale_check check (locale in ('zh-CN', 'en'))
);

-- One digest per user and day: the unique key makes a second node or a restart a no-op.
create table mail_digest (
    id           uuid        primary key,
    hospital_id  uuid        not null references hospital (id),
    user_id      uuid        not null references app_user (id),
    digest_day   date        not null,
    window_from  timestamptz,
    window_to    timestamptz not null,
    items        integer     not null,
    created_at   timestamptz not null,
    constraint mail_digest_once_a_day unique (user_id, digest_day)
);

create table mail_outbox (
    id              uuid          primary key,
    hospital_id     uuid          not null references hospital (id),
    kind            varchar(20)   not null,
    user_id         uuid references app_user (id),
    notification_id uuid references notification (id),
    digest_id       uuid references mail_digest (id),
    recipient       varchar(200)  not null,
    locale          varchar(10)   not null,
    subject         varchar(300),
    status          varchar(10)   not null,
    attempts        integer       not null default 0,
    next_attempt_at timestamptz   not null,
    last_error      varchar(1000),
    created_by      varchar(100)  not null,
    created_at      timestamptz   not null,
    sent_at         timestamptz,
    constraint mail_outbox_kind_check check (kind in ('NOTIFICATION', 'DIGEST', 'TEST')),
    constraint mail_outbox_status_check check (status in ('PENDING', 'SENT', 'FAILED')),
    constraint mail_outbox_object_check check (
        (kind = 'NOTIFICATION' and notification_id is not null)
        or (kind = 'DIGEST' and digest_id is not null)
        or kind = 'TEST')
);
-- what the sender polls: due pending mails, oldest first
create index mail_outbox_due_idx on mail_outbox (next_attempt_at) where status = 'PENDING';
create index mail_outbox_list_idx on mail_outbox (hospital_id, created_at desc);
create index mail_outbox_notification_idx on mail_outbox (notification_id) where notification_id is not null;
