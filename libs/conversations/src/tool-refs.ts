import { type InvalidField, InvalidInput } from '@copilot/errors';
import {
  type CopilotTool,
  type CopilotToolChoice,
  McpServerRepository,
  type ToolRepository,
  type Tx,
} from '@copilot/persistence';
import { isBuiltinTool, resolveMcpTools } from '@copilot/tools';

/**
 * Refuses a copilot's tools that do not resolve (neither a builtin, nor one of the
 * tenant's tools, nor an allowed tool of one of its MCP servers as `<server>__<tool>`,
 * as last listed), a tool listed twice, and a forced tool choice the copilot does not
 * list: each with a 400 naming where it is, instead of a run that fails later.
 */
export async function assertToolsResolve(
  repository: ToolRepository,
  tx: Tx,
  tools: readonly CopilotTool[] | undefined,
  toolChoice: CopilotToolChoice | undefined,
  listed: readonly CopilotTool[],
  // Stateless, like every repository: a default keeps the callers' signatures.
  mcpServers: McpServerRepository = new McpServerRepository(),
): Promise<void> {
  const problems: InvalidField[] = [];
  if (tools) {
    const own = new Set(
      (
        await repository.findByNames(
          tx,
          tools.map((t) => t.name),
        )
      ).map((t) => t.name),
    );
    const unresolved = tools.map((t) => t.name).filter((name) => !own.has(name) && !isBuiltinTool(name));
    const remote = await resolveMcpTools(mcpServers, tx, unresolved);
    const seen = new Set<string>();
    tools.forEach((tool, i) => {
      if (seen.has(tool.name))
        problems.push({ field: `body.tools.${i}.name`, message: `${tool.name} is listed twice` });
      seen.add(tool.name);
      if (!own.has(tool.name) && !isBuiltinTool(tool.name) && !remote.has(tool.name)) {
        problems.push({
          field: `body.tools.${i}.name`,
          message: `no tool named ${tool.name} (see GET /v1/tools, and GET /v1/mcp-servers for <server>__<tool>)`,
        });
      }
    });
  }
  const names = new Set((tools ?? listed).map((t) => t.name));
  if (toolChoice && typeof toolChoice === 'object' && !names.has(toolChoice.name)) {
    problems.push({
      field: 'body.toolChoice.name',
      message: `the copilot does not list a tool named ${toolChoice.name}`,
    });
  }
  if (problems.length) throw new InvalidInput(problems);
}
