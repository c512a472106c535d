import { type ITemplateManager, type StartupConfig, TemplateNotFoundError } from '@startup-factory/contracts';

/**
 * Checks that the startup's template exists and raises each resource it asks for to at least what
 * the template declares (a reactnext app needs its 1024 MB whatever the default request says).
 */
export async function withTemplateFloor(
  config: StartupConfig,
  templates: Pick<ITemplateManager, 'getAvailableTemplates'>,
): Promise<StartupConfig> {
  const available = await templates.getAvailableTemplates();
  const template = available.find((t) => t.name === config.template);
  if (!template) {
    throw new TemplateNotFoundError({
      message: `No template named "${config.template}"; use one of: ${available.map((t) => t.name).join(', ') || 'none installed'}.`,
    });
  }
  const asked = config.resourceRequirements;
  const floor = template.resourceRequirements;
  return {
    ...config,
    resourceRequirements: {
      ...asked,
      memoryMb: Math.max(asked.memoryMb, floor.memoryMb),
      cpuCores: Math.max(asked.cpuCores, floor.cpuCores),
      storageGb: Math.max(asked.storageGb, floor.storageGb),
      portCount: Math.max(asked.portCount, floor.portCount, template.requiredPorts),
    },
  };
}
