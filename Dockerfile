# Claimwire: one cgo binary (SQLite with full-text search) on a slim Debian.
#   docker build -t claimwire .
#   docker run --rm -v claimwire-data:/data -p 4222:4222 claimwire run

FROM golang:1.26-bookworm AS build
WORKDIR /src
# Modules first, so a source change does not re-download them.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=1 go build -tags sqlite_fts5 -trimpath -ldflags="-s -w" \
      -o /out/claimwire ./cmd/claimwire

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /data --shell /usr/sbin/nologin claimwire \
 && mkdir -p /data /etc/claimwire \
 && chown claimwire:claimwire /data
COPY --from=build /out/claimwire /usr/local/bin/claimwire
USER claimwire:claimwire
WORKDIR /data
VOLUME ["/data"]
# 8080: HTTP API (serve); 4222: the embedded NATS server of `claimwire run`.
EXPOSE 8080 4222
ENTRYPOINT ["claimwire"]
CMD ["run", "--data", "/data", "--listen", "0.0.0.0:4222"]
