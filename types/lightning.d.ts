// Official types for the Lightning base components and LWC come from these packages.
import '@salesforce/lightning-types';
