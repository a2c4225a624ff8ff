"""tagpage web: the Flask gallery API and page (factory: web.app:create_app), its Redis page cache, the invalidation listener and the routing of reads to replicas."""
