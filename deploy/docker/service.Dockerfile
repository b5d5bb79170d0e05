# syntax=docker/dockerfile:1
# drift-service image. Build from the repository root (the build needs every module's pom.xml and
# openapi/):
#   docker build -f deploy/docker/service.Dockerfile -t drift/drift-service:0.1.0-SNAPSHOT .
# The tag is the project version in pom.xml; docker-compose.yml and k8s/ use the same name and tag.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Poms and the wrapper first, so that a change of sources alone keeps the dependency layer's cache.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY drift-embedded/pom.xml drift-embedded/
COPY drift-service/pom.xml drift-service/
COPY drift-agent/pom.xml drift-agent/
COPY drift-demo/pom.xml drift-demo/
COPY drift-cli/pom.xml drift-cli/
COPY openapi openapi
COPY drift-embedded/src drift-embedded/src
COPY drift-service/src drift-service/src
# The package phase leaves the jar and its runtime dependencies (target/lib, see drift-service/pom.xml).
RUN --mount=type=cache,target=/cache/m2 \
    ./mvnw -B -q -Dmaven.repo.local=/cache/m2 package -pl drift-service -am -DskipTests -Dmaven.test.skip=true \
 && mkdir -p /out \
 && cp drift-service/target/drift-service-*.jar /out/drift-service.jar \
 && cp -r drift-service/target/lib /out/lib

FROM eclipse-temurin:21-jre
LABEL org.opencontainers.image.title="drift-service" \
      org.opencontainers.image.description="drift: configuration drift detection against a CMDB"
# curl for the health check; nothing else is added to the runtime image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 drift \
 && useradd --system --uid 10001 --gid drift --home-dir /app --no-create-home --shell /usr/sbin/nologin drift
WORKDIR /app
COPY --from=build /out/ /app/
# The compliance packs shipped with drift; mount another directory over it to use your own.
COPY deploy/packs /app/packs
ENV DRIFT_HTTP_PORT=8080 \
    DRIFT_PACKS_DIR=/app/packs
USER 10001:10001
EXPOSE 8080
# /health is up only when PostgreSQL and Redis answer (README "API").
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS -o /dev/null http://127.0.0.1:8080/health || exit 1
# JVM options can be added with JDK_JAVA_OPTIONS; the heap follows the container's memory limit.
# Two malloc arenas and native heap trimming keep resident memory near what the JVM uses (about
# 30 MB less after a million events; bench/README.md, "Service memory").
ENV MALLOC_ARENA_MAX=2
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000", "-cp", "/app/drift-service.jar:/app/lib/*", "dev.drift.service.Application"]
