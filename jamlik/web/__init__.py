"""Public pages that combine the apps: start, målområde, strategi, organisation, activities, search."""
