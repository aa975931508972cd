-- A product's name, kind and unit are what charts that used it say: the app may only retire or
-- bring back a product, never rewrite it under the charts (ADR 010).
REVOKE UPDATE ON products FROM lume_app;
GRANT UPDATE (active) ON products TO lume_app;
