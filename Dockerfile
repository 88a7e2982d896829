# syntax=docker/dockerfile:1
# Two stages: the builder installs the package and its dependencies into a virtualenv; the final
# image holds that virtualenv, the fact base and the source (copied last, so an edit rebuilds only
# the last layers), runs as a non-root user, and keeps its SQLite file on the /data volume.

FROM python:3.11-slim AS builder
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /build
# Dependencies first, from pyproject.toml alone (a placeholder package), so they stay cached
# until pyproject.toml changes.
COPY pyproject.toml README.md ./
RUN mkdir bot && touch bot/__init__.py \
    && pip install . \
    && pip uninstall --yes istanbul-talks-bot \
    && rm -rf bot build *.egg-info
COPY bot ./bot
RUN pip install --no-deps .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    KNOWLEDGE_DIR=/app/knowledge \
    DATABASE_PATH=/data/bot.sqlite3
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin bot \
    && mkdir -p /app /data \
    && chown bot:bot /data
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY --chown=root:root knowledge ./knowledge
COPY --chown=root:root bot ./bot
USER bot
VOLUME ["/data"]
CMD ["python", "-m", "bot", "run"]
