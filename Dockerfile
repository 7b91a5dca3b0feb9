# syntax=docker/dockerfile:1
# quoteservice: gRPC quote extraction. Build: docker build -t quoteservice .
# Run: docker run -p 50051:50051 quoteservice   (workers default to the container's CPU count)

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
# Hash-pinned third-party dependencies first (incl. the spaCy pipeline package), for layer caching.
COPY requirements/runtime.txt requirements/runtime.txt
RUN python -m venv /opt/venv \
 && /opt/venv/bin/pip install --require-hashes --no-deps -r requirements/runtime.txt
COPY pyproject.toml README.md ./
COPY proto ./proto
COPY quoteservice ./quoteservice
RUN /opt/venv/bin/pip install --no-deps . \
 && /opt/venv/bin/python -c "import quoteservice.nlp as n; n.load_pipeline()"

FROM python:3.11-slim AS runtime
RUN groupadd --system --gid 10001 quotes \
 && useradd --system --uid 10001 --gid quotes --no-create-home --shell /usr/sbin/nologin quotes
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1
USER quotes
EXPOSE 50051
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["python", "-m", "quoteservice.healthcheck", "127.0.0.1:50051"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["quotes"]
CMD ["serve", "--host", "0.0.0.0", "--port", "50051"]
