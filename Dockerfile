# One recipe for every host image; the host is a build argument:
#   docker build --build-arg PROJECT=silo             --build-arg ASSEMBLY=Juicebox.Silo      -t orleans-juicebox/silo .
#   docker build --build-arg PROJECT=client-api       --build-arg ASSEMBLY=Juicebox.ClientApi -t orleans-juicebox/client-api .
#   docker build --build-arg PROJECT=juicebox-sandbox --build-arg ASSEMBLY=Juicebox.Sandbox   -t orleans-juicebox/sandbox .
# docker-compose.yml builds all three. The runtime image has no curl or wget: health checks run
# "dotnet <assembly> --probe <url>" (deploy/HealthProbe.cs).
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN test -n "$PROJECT" || { echo "--build-arg PROJECT=<host folder> is required" >&2; exit 1; } \
 && dotnet publish "$PROJECT" -c Release -o /app -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY
ENV HOST_ASSEMBLY=${ASSEMBLY}.dll
WORKDIR /app
COPY --from=build /app .
COPY deploy/docker-entrypoint.sh /usr/local/bin/juicebox-entrypoint
USER app
EXPOSE 8080
ENTRYPOINT ["sh", "/usr/local/bin/juicebox-entrypoint"]
