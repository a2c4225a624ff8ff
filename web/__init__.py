"""tagpage web: the Flask gallery API and page (factory: web.app:create_app)."""
