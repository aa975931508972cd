-- Setting up locations, rooms, services and staff schedules (CRM-1 to CRM-3) is its own permission.
-- New spas get it from the default roles; the built-in owner and manager roles of existing spas learn it here.
UPDATE roles SET permissions = array_append(permissions, 'manage:schedule:any')
 WHERE builtin AND key IN ('owner', 'manager') AND NOT ('manage:schedule:any' = ANY (permissions));
