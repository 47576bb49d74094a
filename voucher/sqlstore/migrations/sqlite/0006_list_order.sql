-- The order every unfiltered list reads in (newest created first): with these an
-- export's pages walk the index instead of sorting the whole table for each page.
CREATE INDEX applications_created ON applications (created DESC, id DESC);
CREATE INDEX redemptions_created ON redemptions (created DESC, id DESC);
