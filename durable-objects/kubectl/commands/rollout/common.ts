// What the rollout subcommands share: their flags, finding the Deployments they act on, and the group's help text.
import { flag, FILENAME_FLAGS } from '../../context.ts';
import type { ParsedArgs } from '../../argv.ts';
import type { Ctx } from '../../context.ts';
import { CommandError } from '../../errors.ts';
import { lookup, type Found } from '../../targets.ts';

export const ROLLOUT_FLAGS = [...FILENAME_FLAGS, flag.str('selector', 'l'), flag.str('output', 'o'), flag.str('dry-run'), flag.str('field-manager')];

export const ROLLOUT_HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).`;

/** The Deployments named by the arguments (or selected by -l); other kinds are refused as kubectl refuses them. */
export async function deploymentsFor(ctx: Ctx, p: ParsedArgs, what: string): Promise<{ found: Found[]; errors: string[] }> {
  if (!p.args.length) throw new CommandError('error: required resource not specified');
  const r = await lookup(ctx, p, p.args, { selector: true, typeOnly: true });
  for (const f of r.found) {
    if (f.s.kind !== 'Deployment') throw new CommandError(`error: ${what} is not supported for ${f.s.kind.toLowerCase()}s in this sandbox (it serves Deployments only)`);
  }
  return r;
}
