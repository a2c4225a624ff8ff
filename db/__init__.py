"""The base every other package stands on: settings, roles, alembic revisions, the loader of versioned PL/pgSQL sources, knob defaults and grants."""
