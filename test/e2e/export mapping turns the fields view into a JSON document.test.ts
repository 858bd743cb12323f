import { parseImportMapping } from '../../lib/import';
import { runInN8n } from '../harness';

test('Export Mapping outputs the fields view as a document the JSON view accepts, and as a file', async () => {
	const result = await runInN8n({
		nodes: [
			{
				id: 'export',
				name: 'Export Mapping',
				type: 'n8n-nodes-provisioning.provisioningImport',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					resource: 'import',
					operation: 'exportMapping',
					mappingSource: 'fields',
					personFields: {
						entries: [
							{ field: 'externalId', type: 'field', value: 'Medewerker' },
							{ field: 'email', type: 'template', value: '{{ Email | lower }}' },
							{ field: 'namingConvention', type: 'fixed', value: 'B' },
						],
					},
					personCustomFields: { entries: [{ field: 'badge', type: 'field', value: 'Pasnummer' }] },
					contractFields: { entries: [{ field: 'departmentCode', type: 'field', value: 'Afdeling' }] },
				},
			},
		],
		connections: {},
	});

	expect(result.status).toBe('success');
	const [item] = result.json('Export Mapping');
	expect(item.mapping).toEqual({
		person: {
			externalId: { type: 'field', path: 'Medewerker' },
			email: { type: 'template', template: '{{ Email | lower }}' },
			namingConvention: { type: 'fixed', value: 'B' },
		},
		personCustom: { badge: { type: 'field', path: 'Pasnummer' } },
		contract: { departmentCode: { type: 'field', path: 'Afdeling' } },
		contractCustom: {},
	});
	expect(parseImportMapping(JSON.stringify(item.mapping))).toEqual(item.mapping);
	const binary = result.nodes['Export Mapping'].outputs[0][0].binary?.data;
	expect(binary).toMatchObject({ fileName: 'import-mapping.json', mimeType: 'application/json' });
	expect(JSON.parse(Buffer.from(binary?.data as string, 'base64').toString('utf8'))).toEqual(item.mapping);
});
