# migration-guard for any CI:
#   docker build -t migration-guard .
#   docker run --rm -v "$PWD:/work" migration-guard check db/migrations --base origin/main
# verify runs on the embedded PGlite inside the container (or --database url for a service
# database); framework projects need their toolchain in the image: extend it FROM this one.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY . .
# npm ci builds the bundle (prepare); npm pack makes the package users get from the registry.
RUN npm ci --no-audit --no-fund && npm pack --pack-destination /tmp && mv /tmp/migration-guard-*.tgz /tmp/migration-guard.tgz

FROM ${NODE_IMAGE}
COPY --from=build /tmp/migration-guard.tgz /tmp/migration-guard.tgz
RUN npm install -g --no-audit --no-fund /tmp/migration-guard.tgz && rm /tmp/migration-guard.tgz
WORKDIR /work
ENTRYPOINT ["migration-guard"]
CMD ["--help"]
