import { parseArgs } from "node:util";
import { createApiToken } from "@/lib/auth/api-tokens";
import { SYSTEM_ACTOR } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors/app-error";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { openAppDatabase } from "./open-database";

const USAGE = `Usage:
  npm run admin -- create-user --email E --name N --role submitter|reviewer|editor|admin --password P
  npm run admin -- create-token --email E [--label L]     (prints the token once)
  npm run admin -- set-role --email E --role submitter|reviewer|editor|admin
  npm run admin -- deactivate --email E | activate --email E
    (a role change or deactivation ends the user's sessions at their next request)`;

const COMMANDS = ["create-user", "create-token", "set-role", "deactivate", "activate"];

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      label: { type: "string" },
    },
    strict: true,
  });
  if (!COMMANDS.includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  const database = await openAppDatabase("the admin command line");
  try {
    if (command === "create-user") {
      const user = await createUser(database.db, SYSTEM_ACTOR, {
        email: values.email ?? "",
        name: values.name ?? "",
        role: values.role as never,
        password: values.password ?? "",
      });
      console.log(`Created ${user.role} ${user.email} (${user.id}).`);
    } else if (command === "create-token") {
      const { token } = await createApiToken(database.db, SYSTEM_ACTOR, {
        email: values.email ?? "",
        label: values.label,
      });
      console.log(token);
    } else {
      const user = await updateUser(database.db, SYSTEM_ACTOR, {
        email: values.email ?? "",
        ...(command === "set-role" ? { role: values.role as never } : { isActive: command === "activate" }),
      });
      console.log(`${user.email} is now ${user.isActive ? "an active" : "a deactivated"} ${user.role}; their sessions end at their next request.`);
    }
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  if (isAppError(error)) {
    console.error(error.message);
    for (const [field, messages] of Object.entries(error.details.fieldErrors ?? {})) {
      console.error(`  --${field}: ${messages.join(" ")}`);
    }
  } else if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    console.error(`${error.message}\n${USAGE}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
