import { describeConnectorContract } from '../../contract/connectorContract';
import { describeWithAd } from '../../support/ad';
import { adContractSetup } from './adConnectorSetup';

describeWithAd('Active Directory connector against Samba', (settings) => {
	describeConnectorContract('the Active Directory connector', adContractSetup(settings));
});
