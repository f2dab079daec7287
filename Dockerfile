# One image recipe for every host: build with --build-arg PROJECT=<folder> --build-arg ASSEMBLY=<name>.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG PROJECT
WORKDIR /src
COPY . .
RUN dotnet publish "$PROJECT" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG ASSEMBLY
ENV HOST_ASSEMBLY=${ASSEMBLY}.dll
WORKDIR /app
COPY --from=build /app .
USER app
ENTRYPOINT ["sh", "-c", "exec dotnet \"$HOST_ASSEMBLY\" \"$@\"", "--"]
