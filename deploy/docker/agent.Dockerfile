# syntax=docker/dockerfile:1
# drift-agent image. Build from the repository root:
#   docker build -f deploy/docker/agent.Dockerfile -t drift/drift-agent:0.1.0-SNAPSHOT .
# The tag is the project version in pom.xml; docker-compose.yml and k8s/ use the same name and tag.
# The agent watches the host's /etc mounted read-only at /host/etc (see drift-agent.yml beside this
# file) and publishes to Redis. It serves nothing: it is healthy while it keeps rewriting
# /var/lib/drift-agent/alive after every heartbeat it could publish or spool (every 30 s).

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY drift-embedded/pom.xml drift-embedded/
COPY drift-service/pom.xml drift-service/
COPY drift-agent/pom.xml drift-agent/
COPY drift-demo/pom.xml drift-demo/
COPY drift-cli/pom.xml drift-cli/
COPY drift-agent/src drift-agent/src
# The jar's manifest names its main class and lib/ (drift-agent/pom.xml).
RUN --mount=type=cache,target=/cache/m2 \
    ./mvnw -B -q -Dmaven.repo.local=/cache/m2 package -pl drift-agent -DskipTests -Dmaven.test.skip=true \
 && mkdir -p /out \
 && cp drift-agent/target/drift-agent-*.jar /out/drift-agent.jar \
 && cp -r drift-agent/target/lib /out/lib

FROM eclipse-temurin:21-jre
LABEL org.opencontainers.image.title="drift-agent" \
      org.opencontainers.image.description="drift node agent: reports changes of /etc and probe results"
# The state directory (baseline, spool) belongs to the agent's user and to group 0, so that the agent
# can also run as uid 0 with every capability but DAC_READ_SEARCH dropped (compose, k8s), which it
# needs to read root-only files such as /etc/shadow and /etc/sudoers.
RUN groupadd --system --gid 10001 drift \
 && useradd --system --uid 10001 --gid drift --home-dir /opt/drift-agent --no-create-home --shell /usr/sbin/nologin drift \
 && mkdir -p /var/lib/drift-agent /etc/drift-agent \
 && chown 10001:0 /var/lib/drift-agent \
 && chmod 0770 /var/lib/drift-agent
COPY --from=build /out/ /opt/drift-agent/
COPY deploy/docker/drift-agent.yml /etc/drift-agent/drift-agent.yml
# The JVM settings the systemd unit and the benchmark use too (sized for a small footprint).
COPY deploy/agent/jvm.options /opt/drift-agent/jvm.options
USER 10001:10001
ENV MALLOC_ARENA_MAX=1
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s --retries=3 \
  CMD find /var/lib/drift-agent/alive -mmin -2 | grep -q . || exit 1
ENTRYPOINT ["java", "@/opt/drift-agent/jvm.options", "-jar", "/opt/drift-agent/drift-agent.jar"]
CMD ["--config", "/etc/drift-agent/drift-agent.yml"]
