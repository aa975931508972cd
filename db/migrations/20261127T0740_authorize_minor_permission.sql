-- Recording a minor's paper authorization (or changing a minor's date of birth) lifts the check-in
-- rule for minors (CRM-7), so it is its own permission: owners and managers hold it.
UPDATE roles SET permissions = array_append(permissions, 'authorize:minor:any')
 WHERE builtin AND key IN ('owner', 'manager') AND NOT ('authorize:minor:any' = ANY (permissions));
