"""Alembic's entry point, run by `bot.storage.database` inside its own locked transaction.

The connection comes in `config.attributes`; there is no alembic.ini and no URL here, so the one
`DATABASE_URL` setting decides where migrations run.
"""

from alembic import context

from bot.storage.schema import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("migrations run from bot.storage.database.Database.start(), not the alembic CLI")
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
