-- Files received with AttachmentInteractions. The bytes live in the attachment store under store_key (generated from
-- org / conversation / attachment id); file_name is the client's name, kept for display only. No foreign key to
-- conversation: the row is written in the same transaction as the entry, and the attachment module does not depend
-- on the conversation tables.
create table attachment (
    id                          varchar(36)   not null primary key,
    org_key                     varchar(15)   not null,
    conversation_identifier     varchar(36)   not null,
    store_key                   varchar(512)  not null,
    file_name                   varchar(1024) not null,
    mime_type                   varchar(127)  not null,
    size_bytes                  bigint        not null,
    sha256                      varchar(64)   not null,
    created_at                  timestamp with time zone not null
);

create index ix_attachment_conversation on attachment (conversation_identifier);
