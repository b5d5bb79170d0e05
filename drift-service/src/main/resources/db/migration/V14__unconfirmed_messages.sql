-- The message a notification's last attempt began to send, recorded before the channel is called and
-- cleared once the outcome is known (delivered, refused, or found not sent). Still set when an action
-- is claimed again, it means the process died mid-send or the send's outcome was unknown (a timeout,
-- a 5xx): the dispatcher looks the key up in the channel (Slack: conversations.history or .replies
-- from a little before unconfirmed_since) before it sends anything again.
alter table drift_action
    add column unconfirmed_key    text,
    add column unconfirmed_thread text,
    add column unconfirmed_digest boolean,
    add column unconfirmed_since  timestamptz;
