import { defineStore } from 'pinia';
import { toApiProblem, type ApiProblem } from '@/app/errors';
import { urqlClient } from '@/app/urql';
import { CitizenDataExportDocument, EraseCitizenDocument, MyCitizenIdDocument } from '@/gql/graphql';
import type { PersonalData } from './personal-data';
import type { Outcome } from '@/app/outcome';


/** A person's data: read (never cached: it is personal and changes on erasure) and erased. */
export const usePersonalDataStore = defineStore('personal-data', () => {
  async function load(citizenId: string): Promise<Outcome<PersonalData>> {
    const result = await urqlClient.query(CitizenDataExportDocument, { citizenId }, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.citizenDataExport as PersonalData, problem: null };
  }

  async function myCitizenId(): Promise<Outcome<string | null>> {
    const result = await urqlClient.query(MyCitizenIdDocument, {}, { requestPolicy: 'network-only' }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.me?.citizenId ?? null, problem: null };
  }

  async function erase(citizenId: string, reason: string): Promise<Outcome<boolean>> {
    const result = await urqlClient.mutation(EraseCitizenDocument, { citizenId, reason }, { additionalTypenames: ['Citizen', 'CitizenConnection', 'Household'] }).toPromise();
    if (result.error || !result.data) return { data: null, problem: toApiProblem(result.error) };
    return { data: result.data.eraseCitizen, problem: null };
  }

  return { load, myCitizenId, erase };
});
