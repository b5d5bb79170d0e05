-- API bearer tokens. Only the SHA-256 (hex) of a token is stored: the token itself is shown once,
-- when it is created. A name is never reused, revoked tokens included, so the name recorded as the
-- actor of a change always means one token. last_used_at is updated at most every few seconds (when
-- the service looks the token up again after its cache entry expired), not on every request.
create table api_token (
    id           uuid        primary key,
    name         text        not null unique check (length(btrim(name)) > 0),
    role         text        not null check (role in ('viewer','operator','admin')),
    token_hash   text        not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
    created_at   timestamptz not null default now(),
    created_by   text        not null,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
