-- How long a form link sent to a client stays usable (issue 7, PUB-1): a spa setting of 1 to 30
-- days, 7 unless the owner or a manager changes it. Links already sent keep the expiry they were
-- made with (form_links.expires_at never changes).
ALTER TABLE tenants ADD COLUMN form_link_days smallint NOT NULL DEFAULT 7 CHECK (form_link_days BETWEEN 1 AND 30);
GRANT UPDATE (form_link_days) ON tenants TO lume_app;
