import { MemoryDocStore } from '../../../platform/store/memoryDocStore';
import { docStoreContract } from '../../contracts/docStore.contract';
import { testRedisDocStore } from '../../support/testDocStore';

docStoreContract('memory', async () => new MemoryDocStore());
docStoreContract('redis', testRedisDocStore);
