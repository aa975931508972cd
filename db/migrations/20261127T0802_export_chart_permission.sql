-- Exporting a lot recall list (every client treated with one lot, with their contact details) is
-- an export, its own permission: owners and managers hold it; a break-glass window never does.
UPDATE roles SET permissions = array_append(permissions, 'export:chart:any')
 WHERE builtin AND key IN ('owner', 'manager') AND NOT ('export:chart:any' = ANY (permissions));
