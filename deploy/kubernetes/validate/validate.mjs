// Validates Kubernetes objects (YAML documents on standard input, e.g. `kubectl kustomize ...`)
// against the API schemas that the kubernetes-models package carries, offline. Prints one line per
// object and exits 1 if any object is of an unknown kind or breaks its schema.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const input = readFileSync(0, "utf8");
let failures = 0;
let checked = 0;

for (const document of parseAllDocuments(input)) {
  if (document.errors.length > 0) {
    console.log(`invalid YAML: ${document.errors.map(String).join("; ")}`);
    failures++;
    continue;
  }

  const object = document.toJS();
  if (object === null || object === undefined) {
    continue;
  }

  const name = `${object.kind ?? "?"}/${object.metadata?.name ?? "?"}`;
  const [group, version] = String(object.apiVersion ?? "").includes("/")
    ? object.apiVersion.split("/")
    : ["", object.apiVersion];
  // The package names core objects by version alone (v1/Service), the others by group and version.
  const modulePath = group ? `kubernetes-models/${group}/${version}/${object.kind}` : `kubernetes-models/${version}/${object.kind}`;
  let model;
  try {
    model = (await import(modulePath))[object.kind];
  } catch {
    console.log(`${name}: unknown kind ${object.apiVersion} ${object.kind}`);
    failures++;
    continue;
  }

  try {
    new model(object).validate();
    checked++;
    console.log(`${name}: valid (${object.apiVersion})`);
  } catch (error) {
    failures++;
    console.log(`${name}: ${error.message}`);
  }
}

console.log(`${checked} valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
