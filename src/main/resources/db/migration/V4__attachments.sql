-- Files received with AttachmentInteractions. The bytes live in the attachment store under store_key
-- (generated from org / conversation / attachment id); file_name is the client's name, kept for display only.
-- conversation_id is not a foreign key here so this module does not depend on the conversation tables' version.
CREATE TABLE attachment (
    id              UUID                     NOT NULL PRIMARY KEY,
    org_id          VARCHAR(18)              NOT NULL,
    conversation_id UUID                     NOT NULL,
    store_key       VARCHAR(512)             NOT NULL,
    file_name       VARCHAR(1024)            NOT NULL,
    mime_type       VARCHAR(127)             NOT NULL,
    size_bytes      BIGINT                   NOT NULL,
    sha256          CHAR(64)                 NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX attachment_conversation_idx ON attachment (conversation_id);
