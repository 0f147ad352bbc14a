-- Evidence photos taken offline are queued on the phone and uploaded when the connection returns. The
-- phone gives each photo an id of its own: a retried upload (the answer to the first one was lost) finds
-- the photo already stored instead of storing it twice. Photos uploaded online without an id stay null.
alter table inspection_photo add column client_id varchar(64);
alter table inspection_photo add constraint inspection_photo_client_unique unique (inspection_id, client_id);

-- The reminder to acknowledge a new version of a regulation or SOP goes out once per version: the night
-- it is first due, to whoever has not acknowledged it by then.
create table std_acknowledgement_reminder (
    document_version_id uuid        primary key references std_document_version (id),
    hospital_id         uuid        not null references hospital (id),
    recipients          integer     not null,
    sent_at             timestamptz not null
);
