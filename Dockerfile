# syntax=docker/dockerfile:1
#
# archivegraph container image.
#
#   docker build -t archivegraph .
#   docker run --rm -p 8080:8080 -e NEO4J_URI=neo4j://HOST:7687 archivegraph
#
# The image holds the binary and the sample corpus (/app/examples/corpus), so a
# container can ingest it: `docker run --rm archivegraph ingest /app/examples/corpus`.
# docker-compose.yml next to this file runs it together with Neo4j.

# ---- build stage -----------------------------------------------------------
FROM golang:1.26 AS build

WORKDIR /src

# Module downloads first, in their own layer: they are only redone when
# go.mod or go.sum change, not on every source edit.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" \
        -o /out/archivegraph ./cmd/archivegraph

# ---- runtime stage ---------------------------------------------------------
# Alpine rather than distroless: its busybox wget lets docker-compose.yml
# health-check GET /healthz from inside the container.
FROM alpine:3.22

RUN addgroup -S -g 10001 archivegraph \
 && adduser -S -D -H -u 10001 -G archivegraph -s /sbin/nologin archivegraph

WORKDIR /app
COPY --from=build /out/archivegraph /usr/local/bin/archivegraph
COPY --chown=archivegraph:archivegraph examples/ /app/examples/

USER 10001:10001

ENV ARCHIVEGRAPH_ADDR=:8080
EXPOSE 8080

ENTRYPOINT ["/usr/local/bin/archivegraph"]
CMD ["serve", "--addr", ":8080"]
