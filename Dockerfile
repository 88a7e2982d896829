# Two stages.  The builder installs only the dependencies, read from pyproject.toml, into a
# virtualenv, so that layer is rebuilt only when pyproject.toml changes.  The runtime image holds
# that virtualenv (without pip or setuptools), then the fact base, then the code: copied last and
# never installed, so an edit to bot/ rebuilds two small layers and there is one copy of the code.
# It runs as uid/gid 10001, keeps its SQLite file on the /data volume, stops cleanly on SIGTERM
# (`docker stop`) and reports its gateway connection through `python -m bot health`.
# The base is pinned to a Debian release, so a rebuild cannot move to another one unnoticed.

FROM python:3.11-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /build
COPY pyproject.toml ./
RUN python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" \
        > requirements.txt \
    && python -m venv /opt/venv \
    && /opt/venv/bin/pip install --requirement requirements.txt \
    && /opt/venv/bin/pip uninstall --yes pip setuptools

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PATH=/opt/venv/bin:$PATH \
    DATABASE_URL=/data/bot.sqlite3 \
    HEARTBEAT_PATH=/tmp/bot.heartbeat
# Nothing installs packages at run time: the base image's own pip and setuptools go too.
RUN python -m pip uninstall --yes --quiet pip setuptools wheel 2>/dev/null; \
    rm -f /usr/local/bin/pip*; \
    groupadd --system --gid 10001 bot \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin bot \
    && mkdir -p /data \
    && chown 10001:10001 /data
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY knowledge ./knowledge
COPY bot ./bot
USER 10001:10001
VOLUME ["/data"]
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=3 CMD ["python", "-m", "bot", "health"]
CMD ["python", "-m", "bot", "run"]
